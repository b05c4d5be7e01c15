<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.render</name>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>layer or block (default: the first one that fits the view)</source>
      <translation>层或模块（默认：第一个适合该视图的）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>colour map (gray, viridis, magma, inferno, coolwarm, seismic)</source>
      <translation>颜色映射（gray、viridis、magma、inferno、coolwarm、seismic）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>gradcam view: the attribution method, as 'cnnviz attribute' takes it (default: gradcam)</source>
      <translation>gradcam 视图：归因方法，写法与 'cnnviz attribute' 相同（默认：gradcam）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>gradcam view: the class to explain, its index or name (default: the top class)</source>
      <translation>gradcam 视图：要解释的类别，填序号或名称（默认：得分最高的类别）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>gradcam view: the map's opacity over the input, 0..1 (default: 0.5)</source>
      <translation>gradcam 视图：归因图叠加在输入上的不透明度，0..1（默认：0.5）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>render --view gradcam draws one layer; name one (cnnviz attribute --layer all writes every convolution's map)</source>
      <translation>render --view gradcam 只画一层，请指定一层（cnnviz attribute --layer all 可写出每个卷积层的归因图）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>cannot write {path}: '{suffix}' is not an image type that can be written; end the name in .png (or .jpg, .webp, .tif)</source>
      <translation>无法写入 {path}：'{suffix}' 不是可写的图像类型；文件名请以 .png（或 .jpg、.webp、.tif）结尾</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>no extension</source>
      <translation>没有扩展名</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>cannot write {path}: {reason}</source>
      <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>{options}: only for --view gradcam, not --view {view}</source>
      <translation>{options}：只用于 --view gradcam，不能用于 --view {view}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/render.py" />
      <source>wrote {path} ({width}x{height})</source>
      <translation>已写入 {path}（{width}x{height}）</translation>
    </message>
  </context>
</TS>
