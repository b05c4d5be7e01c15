<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.statistics_dataset</name>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>Scan a dataset through the model to find the channels that never fire (dead) or are always on.</source>
      <translation>让数据集流过模型，找出从不激活（死亡）或始终激活的通道。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>at most </source>
      <translation>最多 </translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source> images</source>
      <translation> 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>Scan</source>
      <translation>扫描</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>share of the layer's channels</source>
      <translation>占该层通道的比例</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>load a model first</source>
      <translation>请先加载模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>type a folder of images, or choose one with Browse…</source>
      <translation>请输入一个图像文件夹，或用“浏览…”选择</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>loading {source}…</source>
      <translation>正在加载 {source}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>scanning {source}: {done} of {total} images</source>
      <translation>正在扫描 {source}：{done} / {total} 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>scanning {source}: {done} images</source>
      <translation>正在扫描 {source}：{done} 张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>the model changed during the scan: scan again</source>
      <translation>扫描期间模型已更换：请重新扫描</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source> (evenly spread over {available}; raise the limit to scan more)</source>
      <translation>（从 {available} 张中均匀抽取；提高上限可扫描更多）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>{images} images of {source}{cut}: {dead} dead and {saturated} always-on channels in {layers} activation layers{notes}</source>
      <translation>{source} 的 {images} 张图像{cut}：{layers} 个激活层中有 {dead} 个死亡通道、{saturated} 个始终激活的通道{notes}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>dead (never fire)</source>
      <translation>死亡（从不激活）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>saturated (always on)</source>
      <translation>饱和（始终激活）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>{layer} ({type}): {dead} dead and {saturated} always-on ({saturation}) of {channels} channels</source>
      <translation>{layer}（{type}）：{channels} 个通道中有 {dead} 个死亡、{saturated} 个始终激活（{saturation}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>; click one to show it</source>
      <translation>；点击某个通道即可显示它</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>channel {channel}: dead, fired in none of {images} images</source>
      <translation>通道 {channel}：死亡，在 {images} 张图像中从未激活</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>channel {channel}: saturated in all {images} images</source>
      <translation>通道 {channel}：在全部 {images} 张图像中都饱和</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>none: every channel fired in some image and rested in another</source>
      <translation>无：每个通道都在某些图像上激活、在另一些图像上静默</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>at its upper bound {bound}</source>
      <translation>处于上限 {bound}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_dataset.py" />
      <source>positive everywhere</source>
      <translation>处处为正</translation>
    </message>
  </context>
</TS>
