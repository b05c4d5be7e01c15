<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.attribute</name>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>{methods} (default: gradcam)</source>
      <translation>{methods}（默认：gradcam）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>the layer (a module path) for the Grad-CAM family, or 'all' for every convolution (default: the last convolutional block)</source>
      <translation>Grad-CAM 类方法所用的层（模块路径），或用 'all' 表示每个卷积层（默认：最后一个卷积模块）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>the class to explain: its index or name (default: the top class)</source>
      <translation>要解释的类别：序号或名称（默认：得分最高的类别）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>--target '{value}' is not a class index, and the model has no class names</source>
      <translation>--target '{value}' 不是类别序号，而该模型没有类别名称</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>--target '{value}' is not a class index or one of the model's {count} class names</source>
      <translation>--target '{value}' 既不是类别序号，也不是该模型 {count} 个类别名称之一</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>{count} layers</source>
      <translation>{count} 层</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/attribute.py" />
      <source>wrote {method} of class {cls}{named} at {where} to {path}</source>
      <translation>已将类别 {cls}{named} 在 {where} 的 {method} 写入 {path}</translation>
    </message>
  </context>
</TS>
