<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.units</name>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>Load a model to find the images that excite its channels most.</source>
      <translation>加载一个模型，找出最能激发其各通道的图像。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>Press Find to rank the dataset's images for each channel of {layer}.</source>
      <translation>按“查找”，为 {layer} 的每个通道给数据集图像排序。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>Units</source>
      <translation>单元</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>top </source>
      <translation>前 </translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>at most </source>
      <translation>最多 </translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source> images</source>
      <translation> 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>channel </source>
      <translation>通道 </translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>load a model first</source>
      <translation>请先加载模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>type a folder of images, or choose one with Browse…</source>
      <translation>请输入一个图像文件夹，或用“浏览…”选择</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>{layer} has no channels to rank: select a layer with channels</source>
      <translation>{layer} 没有可排序的通道：请选择一个有通道的层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>this layer</source>
      <translation>这一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>loading {source}…</source>
      <translation>正在加载 {source}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>ranking {source} for {layer}: {done} of {total} images</source>
      <translation>正在为 {layer} 给 {source} 排序：{done} / {total} 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>ranking {source} for {layer}: {done} images</source>
      <translation>正在为 {layer} 给 {source} 排序：{done} 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>step {done} of {total}</source>
      <translation>第 {done} / {total} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>step {done}</source>
      <translation>第 {done} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>the model changed during the search: press Find again</source>
      <translation>查找期间模型已更换：请再按一次“查找”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>; {count} unreadable file(s) skipped</source>
      <translation>；跳过了 {count} 个无法读取的文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>from the cache</source>
      <translation>来自缓存</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>in {seconds} s</source>
      <translation>用时 {seconds} 秒</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>top {top} of {images} images of {source} for each of the {channels} channels of {layer} ({how}){skipped}; click one to open it</source>
      <translation>{layer} 全部 {channels} 个通道各自在 {source} 的 {images} 张图像中的前 {top} 名（{how}）{skipped}；点击一张即可打开</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>the model changed: the search was cancelled</source>
      <translation>模型已更换：查找已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>the model changed: the maximisation was cancelled</source>
      <translation>模型已更换：最大化已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>channel {channel} is out of range: the ranked layer has {channels}</source>
      <translation>通道 {channel} 超出范围：已排序的层只有 {channels} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>the model changed: the running job was cancelled</source>
      <translation>模型已更换：正在运行的任务已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>the selected layer</source>
      <translation>所选层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units.py" />
      <source>(the image above maximises channel {channel})</source>
      <translation>（上面的图像最大化的是通道 {channel}）</translation>
    </message>
  </context>
</TS>
